#!version:1.0.0.1
[T54W]include:config "a.cfg"
[T46U , T54W ]
include:config
include:config "unterminated
include:config a.cfg trailing
[T54W,]include:config a.cfg
[]
[T54W
overwrite_mode = yes
overwrite_mode = 1
account.1.enable = 1
include:configx.cfg
[T54W]account.1.enable = 1
include:config "sp ace.cfg"
