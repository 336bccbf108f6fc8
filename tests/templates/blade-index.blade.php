#!version:1.0.0.1
account.{{ $line->index }}.enable = 1
account.{{ $line->index }}.label = {{ $line->label }}
account.{{ $line->index }}.sip_server.1.address = {{ $line->host }}
linekey.{{ $key->position }}.type = {{ $key->type }}
linekey.{{ $key->position }}.line = {{ $line->index }}
account.{{ $line->index }}.sip_server.3.address = {{ $line->host }}
memorykey.X.type = 16
