/*
 * `buildctl dial-stdio` for the testbed's own-BuildKit image: connects to the BuildKit that the
 * container's own dockerd embeds, the way buildx's docker driver dials it (POST /grpc with an
 * h2c upgrade on the Docker API socket), then copies stdin to the socket and the socket to
 * stdout until both sides end.
 *
 *   dial-stdio [SOCKET]           default /run/docker.sock
 *   dial-stdio --check [SOCKET]   exit 0 once BuildKit answers (its HTTP/2 SETTINGS frame)
 *
 * Static (gcc -static): the image has no libc of its own for tools, and no node.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static const char UPGRADE[] = "POST /grpc HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\n"
                              "Upgrade: h2c\r\nContent-Length: 0\r\n\r\n";
/* An HTTP/2 client preface and an empty SETTINGS frame: BuildKit answers with its SETTINGS. */
static const char PREFACE[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\0\0\0\4\0\0\0\0\0";

static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    p += w, n -= (size_t)w;
  }
  return 0;
}

static int fail(const char *what) {
  fprintf(stderr, "dial-stdio: %s: %s\n", what, errno ? strerror(errno) : "unexpected answer");
  return 1;
}

int main(int argc, char **argv) {
  int check = argc > 1 && strcmp(argv[1], "--check") == 0;
  const char *path = argc > 1 + check ? argv[1 + check] : "/run/docker.sock";
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  if (strlen(path) >= sizeof addr.sun_path) return fail("socket path too long");
  strcpy(addr.sun_path, path);
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  if (s < 0 || connect(s, (struct sockaddr *)&addr, sizeof addr) < 0) return fail(path);
  if (write_all(s, UPGRADE, sizeof UPGRADE - 1) < 0) return fail("upgrade request");

  /* Read the answer's headers byte by byte, so nothing of the HTTP/2 stream is consumed. */
  char head[4096];
  size_t n = 0;
  while (n < 4 || memcmp(head + n - 4, "\r\n\r\n", 4) != 0) {
    if (n == sizeof head || read(s, head + n, 1) != 1) return fail("upgrade answer");
    n++;
  }
  errno = 0;
  if (strncmp(head, "HTTP/1.1 101", 12) != 0) return fail("upgrade refused");

  if (check) {
    unsigned char frame[9];
    size_t got = 0;
    if (write_all(s, PREFACE, sizeof PREFACE - 1) < 0) return fail("preface");
    while (got < sizeof frame) {
      ssize_t r = read(s, frame + got, sizeof frame - got);
      if (r <= 0) return fail("SETTINGS frame");
      got += (size_t)r;
    }
    return frame[3] == 4 ? 0 : fail("first frame is not SETTINGS");
  }

  /* Copy both ways; stdin's end half-closes the socket, the socket's end ends us. */
  struct pollfd fds[2] = {{.fd = 0, .events = POLLIN}, {.fd = s, .events = POLLIN}};
  char buf[65536];
  for (;;) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return fail("poll");
    }
    for (int i = 0; i < 2; i++) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t r = read(fds[i].fd, buf, sizeof buf);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) {
        if (i == 1) return 0;
        shutdown(s, SHUT_WR);
        fds[0].fd = -1;
        continue;
      }
      if (write_all(i == 0 ? s : 1, buf, (size_t)r) < 0) return i == 0 ? fail("socket write") : 0;
    }
  }
}
