#!version:1.0.0.1
account.1.codec.{{ $codec->name }}.enable = {{ $codec->enabled ? 1 : 0 }}
account.1.codec.{{ $codec->name }}.priority = {{ $codec->priority }}
account.1.codec.{{ $codec->name }}.payload = {{ $codec->payload }}
account.1.codec.g722.enable = true
