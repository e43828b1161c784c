"""Use cases.  Each checks the actor's role, owns its transaction and writes the journal.
The UI and the CLI both call these; neither talks to the store directly."""
