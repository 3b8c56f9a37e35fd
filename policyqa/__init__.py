"""惠企政策问答: retrieval-augmented Q&A over Beijing district industrial-policy documents."""

__version__ = "0.1.0"
