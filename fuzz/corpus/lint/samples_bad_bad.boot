1#!version:1.0.0.1
## A boot file only lists files and sets overwrite_mode
include:config
include:config "duplicates.cfg" "unknown-keys.cfg"
include:config "unterminated.cfg
[T46X]include:config "bad-values.cfg"
[T46U,]include:config "bad-header.cfg"
[T54W, T46U]include:config "whitespace.cfg"
include:config "secret.cfg"
account.1.enable = 1
overwrite_mode = yes
overwrite_mode = 2
