"""The screening core: requirement catalog, job profiles, candidate facts and the engine.

Plain Python with no Django import, so the web app, the CLI and bulk jobs share it.
"""
