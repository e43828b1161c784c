"""ExamSite: the offline application of a vocational skill-level certification site."""

__version__ = "0.1.0"
