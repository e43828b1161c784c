"""数据封装上报: the export bundle workplace (issue 9)."""
