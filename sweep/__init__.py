"""A resumable sweep of the generator over thousands of real API descriptions (``python -m sweep``).

Every document is generated in both styles, each run a child process bounded in
time and measured in memory; the packages that come out are type-checked in
batches (``mypy --strict``, ``tsc --strict --noEmit``), the generated tests of a
fixed sample run, and each outcome lands in a failure class. Results are cached
per (document sha256, generator hash), so an interrupted sweep resumes and a
changed generator starts afresh.
"""
