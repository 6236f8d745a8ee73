"""Constants of the workbench tests (a module of its own, importable by name)."""

TOKEN = "alice:correct-horse-battery"
SECRET = TOKEN.split(":", 1)[1]

# Invented article whose title, sentences and quote carry script payloads: the
# workbench must show them as text and run none of them.
HOSTILE_ARTICLE = """Ministers meet <script>window.__pwned=1</script>

BEIJING, March 3, 2024 (Example Wire) -- Chinese Defense Minister Li Hua held talks with U.S. Defense Secretary John Doe on Tuesday about maritime safety <script>window.__pwned=1</script>, the ministry said.

<img src=x onerror="window.__pwned=2"> China urged the United States to stop close-in patrols near the reefs.

"We will <b onmouseover=window.__pwned=3>never</b> accept provocations," Li Hua said.
"""
