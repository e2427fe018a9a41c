"""The fact-checker's desk: ``claimtrack serve``, a local web app over the claim store.

Pages to add an article, read it with its claims highlighted, follow a claim across outlets and
record a verdict; a JSON API under ``/api`` for the same. The Stanza pipeline is loaded once, when
the app is made (:func:`claimtrack.desk.app.create_app`), so every article after the first is
analysed without start-up cost. Starlette, Jinja2 and uvicorn are imported only here, so
``claimtrack --help`` stays instant.

Modules, one idea each: ``app`` (routes and wiring), ``api`` (the JSON routes), ``pages`` (the
HTML routes), ``ingest`` (an article in → analysed and stored), ``security`` (headers, body
limit, cross-site checks), ``fetch`` (the opt-in URL fetcher).
"""
