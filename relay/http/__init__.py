"""The HTTP listener: the API and the health check, served by uvicorn on the relay's loop."""
