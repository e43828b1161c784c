"""ExamSite: the offline application of a vocational skill-level certification site."""

__version__ = "0.1.0"

import os as _os

# OpenCV's own warnings ("can't open camera by index" on a desk without a camera) are not for the
# people at the desk: the app says in Chinese when there is no picture.  Set before any cv2 import.
_os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
