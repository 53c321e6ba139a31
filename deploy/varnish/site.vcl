# The compose stack's backend and purgers (see default.vcl). Another deployment mounts its own
# site.vcl beside default.vcl: the same two definitions, with its backend and its networks.
vcl 4.1;

backend default {
    .host = "web";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

# Who may PURGE: the web and worker containers, on compose's private network. PURGE is refused
# on the listener named "public" (the port compose publishes) whatever the address, so a client
# of the published port, which Docker's proxy may show as a private address, cannot purge.
acl purgers {
    "localhost";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
    "fc00::"/7;
}
