"""Files in, files out: Excel, PDF, QTI, bundles.  No business rules live here."""
