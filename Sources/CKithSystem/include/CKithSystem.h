#ifndef CKITHSYSTEM_H
#define CKITHSYSTEM_H

// The few Linux declarations the Glibc module does not give Swift: eventfd, epoll (its event
// structure is packed on x86-64), and the packet-info control messages of a received datagram
// (CMSG_* are macros, in6_pktinfo needs _GNU_SOURCE).

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/// A nonblocking, close-on-exec eventfd with counter 0, or -1 with errno set.
/// The corresponding C function is `eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)`.
int kith_eventfd_create(void);

/// A close-on-exec epoll instance, or -1 with errno set.
/// The corresponding C function is `epoll_create1(EPOLL_CLOEXEC)`.
int kith_epoll_create(void);

/// Adds (`operation` 1), removes (2) or changes (3) the watch of `descriptor` in `epoll` for
/// `events` (EPOLLIN, EPOLLOUT: the bits of poll's POLLIN, POLLOUT), level-triggered, with the
/// descriptor as the event's data. Returns 0, or -1 with errno set.
/// The corresponding C function is `epoll_ctl`.
int kith_epoll_control(int epoll, int operation, int descriptor, uint32_t events);

/// Waits up to `timeout` milliseconds (-1: no limit) for at most `capacity` (1 to 256) ready
/// descriptors of `epoll` and writes each descriptor and its events (the bits of poll's
/// revents) to `descriptors` and `events`. Returns how many, or -1 with errno set.
/// The corresponding C function is `epoll_wait`.
int kith_epoll_wait(int epoll, int *descriptors, uint32_t *events, int capacity, int timeout);

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
