"""A new policy file → text → metadata → clauses report → draft award rules → corpus + index.

``extract`` reads .txt/.docx/.html/.pdf with their libraries; ``meta`` finds title, issuer, 文号, dates,
validity, status and district; ``structure`` reports the numbering; ``drafts`` turns award phrases into
draft rules (``reviewed = false``); ``add`` writes it all into the corpus; ``cli`` holds the commands.
"""
