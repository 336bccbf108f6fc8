1#!version:1.0.0.1
## The header above must appear as-is in the first line
##
## Fallback boot file for phones that have no <MAC>.boot of their own:
## they get the common settings only.

include:config "y000000000000.cfg"

overwrite_mode = 1
