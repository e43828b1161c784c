"""A whole simulated exam day (演练) on a site: the door, the theory room on terminal
processes, cameras, practical scoring, misconduct, results, certificates and the sealed
bundle, driven through the same services a real site uses.  ``examsite demo --full``
runs it on the demo site; ``bench/exam_day.py`` runs it at scale with faults injected."""
