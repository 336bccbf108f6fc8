1#!version:1.0.0.1
## The header above must appear as-is in the first line

include:config "y000000000000.cfg"
include:config "001565d4e5f6.cfg"

overwrite_mode = 1
