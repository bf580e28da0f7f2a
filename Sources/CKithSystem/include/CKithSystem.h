#ifndef CKITHSYSTEM_H
#define CKITHSYSTEM_H

// The few Linux declarations the Glibc module does not give Swift: eventfd, and the packet-info
// control messages of a received datagram (CMSG_* are macros, in6_pktinfo needs _GNU_SOURCE).

#include <stddef.h>
#include <sys/socket.h>

/// A nonblocking, close-on-exec eventfd with counter 0, or -1 with errno set.
/// The corresponding C function is `eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)`.
int kith_eventfd_create(void);

/// Accepts a connection as a nonblocking, close-on-exec socket, or returns -1 with errno set.
/// The corresponding C function is `accept4(..., SOCK_NONBLOCK | SOCK_CLOEXEC)`.
int kith_accept_nonblocking(int socket, struct sockaddr *address, socklen_t *length);

/// The number of bytes of control buffer that holds one IPv4 or IPv6 packet-info message.
size_t kith_packet_info_space(void);

/// Reads the packet-info control message of a datagram received with `recvmsg` on a socket with
/// IP_PKTINFO or IPV6_RECVPKTINFO set: the index of the interface it arrived on (0 when unknown)
/// and whether its destination address was a multicast address (0 or 1; 0 when unknown).
void kith_read_packet_info(const struct msghdr *message, unsigned int *interface_index,
                           int *destination_is_multicast);

#endif
