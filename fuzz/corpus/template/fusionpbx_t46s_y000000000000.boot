Å#!version:1.0.0.1
## The header above must appear as-is in the first line

include:config "y000000000066.cfg"
include:config "{$mac}.cfg"

overwrite_mode = {$yealink_overwrite_mode}
