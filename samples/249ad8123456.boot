#!version:1.0.0.1
## The header above must appear as-is in the first line
##
## Boot file of the T31P in the break room: the common settings, then its
## own.  (Without this file the phone would follow y000000000000.boot,
## which loads the common file only.)

include:config "y000000000000.cfg"
include:config "249ad8123456.cfg"

overwrite_mode = 1
