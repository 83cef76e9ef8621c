"""``newsdesk eval``: score retrieval, answers and refusals against datasets, beside baselines."""
