"""The defect corpus for ingestion tests (built at test time by ``corpus.py``)."""
