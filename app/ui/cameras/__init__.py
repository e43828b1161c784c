"""视频监控 workplace: the camera wall, camera configuration per room, incidents with video."""
