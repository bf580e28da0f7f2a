#define _GNU_SOURCE
#include "CKithSystem.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

int kith_eventfd_create(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

int kith_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int kith_epoll_control(int epoll, int operation, int descriptor, uint32_t events) {
    struct epoll_event event = {.events = events, .data = {.fd = descriptor}};
    return epoll_ctl(epoll, operation, descriptor, &event);
}

int kith_epoll_wait(int epoll, int *descriptors, uint32_t *events, int capacity, int timeout) {
    struct epoll_event ready[256];
    if (capacity > 256) capacity = 256;
    if (capacity < 1) capacity = 1;
    int count = epoll_wait(epoll, ready, capacity, timeout);
    for (int index = 0; index < count; index++) {
        descriptors[index] = ready[index].data.fd;
        events[index] = ready[index].events;
    }
    return count;
}

int kith_accept_nonblocking(int socket, struct sockaddr *address, socklen_t *length) {
    return accept4(socket, address, length, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

size_t kith_packet_info_space(void) {
    size_t v4 = CMSG_SPACE(sizeof(struct in_pktinfo));
    size_t v6 = CMSG_SPACE(sizeof(struct in6_pktinfo));
    return v4 > v6 ? v4 : v6;
}

void kith_read_packet_info(const struct msghdr *message, unsigned int *interface_index,
                           int *destination_is_multicast) {
    *interface_index = 0;
    *destination_is_multicast = 0;
    for (struct cmsghdr *header = CMSG_FIRSTHDR((struct msghdr *)message); header != NULL;
         header = CMSG_NXTHDR((struct msghdr *)message, header)) {
        if (header->cmsg_level == IPPROTO_IP && header->cmsg_type == IP_PKTINFO &&
            header->cmsg_len >= CMSG_LEN(sizeof(struct in_pktinfo))) {
            const struct in_pktinfo *info = (const struct in_pktinfo *)CMSG_DATA(header);
            *interface_index = (unsigned int)info->ipi_ifindex;
            *destination_is_multicast = IN_MULTICAST(ntohl(info->ipi_addr.s_addr)) ? 1 : 0;
        } else if (header->cmsg_level == IPPROTO_IPV6 && header->cmsg_type == IPV6_PKTINFO &&
                   header->cmsg_len >= CMSG_LEN(sizeof(struct in6_pktinfo))) {
            const struct in6_pktinfo *info = (const struct in6_pktinfo *)CMSG_DATA(header);
            *interface_index = info->ipi6_ifindex;
            *destination_is_multicast = IN6_IS_ADDR_MULTICAST(&info->ipi6_addr) ? 1 : 0;
        }
    }
}
