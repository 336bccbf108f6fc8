1#!version:1.0.0.1
## Includes that cannot be followed
include:config "y00000000000.cfg"
include:config "http://prov.example.com/common.cfg"
include:config "../../etc/common.cfg"
include:config "bad.boot"
include:config "sub/missing.cfg"
include:config "duplicates.cfg"
overwrite_mode = 0
