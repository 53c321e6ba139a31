# The cluster's backend and purgers for deploy/varnish/default.vcl (mounted beside it as
# /etc/varnish/site.vcl; the compose stack has its own in deploy/varnish/site.vcl).
vcl 4.1;

# The web Service (a stable ClusterIP, resolved once when the VCL loads).
backend default {
    .host = "web";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

# Who may PURGE: pods of the cluster (private and shared address space, which pod networks
# use). PURGE is refused on the listener named "public" (port 6081, the one the Service and the
# Ingress reach) whatever the address; the purge listener (6082) is reachable only through the
# headless varnish-purge Service, and the NetworkPolicy admits only Tapestry's own pods to it.
acl purgers {
    "localhost";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
    "100.64.0.0"/10;
    "fc00::"/7;
}
