"""The provincial clerk's verifier, frozen on its own: no Qt, no SQLCipher, no site."""

import sys

from app.verifier import main

if __name__ == "__main__":
    sys.exit(main())
