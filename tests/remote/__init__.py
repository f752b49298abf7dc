"""Tests against a real Oxigraph server and tiny fake endpoints, all on 127.0.0.1."""
