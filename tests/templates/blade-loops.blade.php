#!version:1.0.0.1
@foreach($lines as $line)
account.{{ $loop->iteration }}.enable = 1
account.{{ $loop->iteration }}.label = {{ $line->label }}
@if($loop->first)
account.1.sip_server.1.expires = 3600
@endif
account.1.sip_server.1.address = {{ $line->host }}
@endforeach
@for($i = 1; $i <= 3; $i++)
linekey.{{ $i }}.type = 15
linekey.{{ $i }}.line = {{ $i }}
@endfor
