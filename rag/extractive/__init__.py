"""The extractive answerer: picks and cites the sentences that answer a question, or refuses."""
