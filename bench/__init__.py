"""`make bench`: how fast the generator and the generated clients are, measured on this machine.

Run it as ``python -m bench`` (``--help`` lists the options). Every number is
measured in a fresh child process; the result is printed as markdown tables on
standard output, progress on standard error.
"""
