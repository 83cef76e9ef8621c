"""Loading, cleaning, chunking, embedding and upserting articles into the store."""
