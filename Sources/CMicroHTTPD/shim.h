#pragma once
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <microhttpd.h>

/// Everything the server sets when it starts a daemon, passed as one struct so the Swift side
/// does not depend on the order of a C variadic option list.
struct assetscore_mhd_settings {
    unsigned int flags;
    const struct sockaddr *address;
    unsigned int threads;
    unsigned int connection_timeout_seconds;
    size_t connection_memory_limit;
    unsigned int connection_limit;
    unsigned int per_ip_connection_limit;
    unsigned int listen_backlog;
};

// MHD_start_daemon takes its options as C varargs, which Swift cannot pass.
static inline struct MHD_Daemon *assetscore_mhd_start(const struct assetscore_mhd_settings *s,
                                                      MHD_AccessHandlerCallback handler, void *handler_cls,
                                                      MHD_RequestCompletedCallback completed, void *completed_cls) {
    return MHD_start_daemon(s->flags, 0, NULL, NULL, handler, handler_cls,
                            MHD_OPTION_SOCK_ADDR, s->address,
                            MHD_OPTION_THREAD_POOL_SIZE, s->threads,
                            MHD_OPTION_CONNECTION_TIMEOUT, s->connection_timeout_seconds,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, s->connection_memory_limit,
                            MHD_OPTION_CONNECTION_LIMIT, s->connection_limit,
                            MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->per_ip_connection_limit,
                            MHD_OPTION_LISTEN_BACKLOG_SIZE, s->listen_backlog,
                            MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned int)1,
                            MHD_OPTION_NOTIFY_COMPLETED, completed, completed_cls,
                            MHD_OPTION_END);
}

// MHD_get_daemon_info is variadic; this reads the port actually bound (for port 0).
static inline uint16_t assetscore_mhd_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

// MHD_get_daemon_info is variadic; open connections, for the graceful-shutdown wait and metrics.
static inline unsigned int assetscore_mhd_current_connections(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    return info == NULL ? 0 : info->num_connections;
}

// MHD_get_connection_info is variadic; the peer address of a connection.
static inline const struct sockaddr *assetscore_mhd_client_address(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return info == NULL ? NULL : info->client_addr;
}
