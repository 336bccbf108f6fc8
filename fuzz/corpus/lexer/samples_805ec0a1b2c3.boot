1#!version:1.0.0.1
## The header above must appear as-is in the first line
##
## Boot file of the T54W at the front desk.  Files are applied in order:
## a value in a later file overrides the same key of an earlier one.

include:config "y000000000000.cfg"
[T54W]include:config "t54w.cfg"
include:config "805ec0a1b2c3.cfg"

overwrite_mode = 1
