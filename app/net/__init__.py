"""The site LAN link: master service and terminal client."""
