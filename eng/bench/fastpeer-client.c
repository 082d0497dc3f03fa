/* The fast-peer limit: a minimal client of a guestfsd listening on a unix socket, with the message codecs that
 * rpcgen makes from idl/guestfs_protocol.x and blocking read(2)/write(2) on the socket, nothing else: the
 * practical limit of this channel for any client library.
 *
 * Usage: fastpeer-client SOCKET CALLS XFER_FILE DEVICE
 *   waits for the launch flag, makes CALLS small calls (umask 022: answered in the daemon
 *   with one system call; no file system, device or subprocess involved), uploads XFER_FILE to DEVICE, downloads
 *   DEVICE (discarding it), and prints one JSON object: wall time and this process's CPU time (user+sys) per
 *   call and per MB (10^6 bytes) each way.
 * Built by eng/bench.sh: rpcgen -h/-c idl/guestfs_protocol.x, then gcc -O2 ... -ltirpc.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <rpc/xdr.h>
#include "guestfs_protocol.h"

static int sock;
static char buf[GUESTFS_MESSAGE_MAX + 4];
static unsigned serial = 0x123400;

static void die(const char *what)
{
  fprintf(stderr, "fastpeer-client: %s\n", what);
  exit(1);
}

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu(void)
{
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static void write_all(const char *p, size_t n)
{
  while (n > 0) {
    ssize_t r = write(sock, p, n);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      die("write failed");
    p += r;
    n -= (size_t)r;
  }
}

static void read_all(char *p, size_t n)
{
  while (n > 0) {
    ssize_t r = read(sock, p, n);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      die("read failed or the daemon closed the connection");
    p += r;
    n -= (size_t)r;
  }
}

/* Reads the next message into buf, skipping progress messages; returns its length. */
static uint32_t read_message(void)
{
  for (;;) {
    uint32_t word;
    read_all((char *)&word, 4);
    word = ntohl(word);
    if (word == GUESTFS_PROGRESS_FLAG) {
      read_all(buf, 24);
      continue;
    }
    if (word == GUESTFS_LAUNCH_FLAG || word == GUESTFS_CANCEL_FLAG)
      return word;
    if (word > GUESTFS_MESSAGE_MAX)
      die("message too long");
    read_all(buf, word);
    return word;
  }
}

static void send_call(int proc, xdrproc_t encode, void *args)
{
  XDR x;
  guestfs_message_header h = {
    .prog = GUESTFS_PROGRAM, .vers = GUESTFS_PROTOCOL_VERSION, .proc = proc,
    .direction = GUESTFS_DIRECTION_CALL, .serial = serial++, .status = GUESTFS_STATUS_OK,
  };
  xdrmem_create(&x, buf + 4, GUESTFS_MESSAGE_MAX, XDR_ENCODE);
  if (!xdr_guestfs_message_header(&x, &h) || (args && !encode(&x, args)))
    die("encoding a call");
  uint32_t len = xdr_getpos(&x);
  xdr_destroy(&x);
  *(uint32_t *)buf = htonl(len);
  write_all(buf, len + 4);
}

/* Reads a reply: checks the header, decodes the _ret into ret (when given). */
static void read_reply(int proc, xdrproc_t decode, void *ret)
{
  XDR x;
  guestfs_message_header h;
  uint32_t len = read_message();
  xdrmem_create(&x, buf, len, XDR_DECODE);
  if (!xdr_guestfs_message_header(&x, &h))
    die("decoding a reply header");
  if (h.proc != proc || h.direction != GUESTFS_DIRECTION_REPLY || h.serial != serial - 1)
    die("unexpected reply");
  if (h.status != GUESTFS_STATUS_OK)
    die("the daemon returned an error");
  if (ret && !decode(&x, ret))
    die("decoding a reply");
  xdr_destroy(&x);
}

static void send_chunk(const char *data, u_int n)
{
  XDR x;
  guestfs_chunk c = { .cancel = 0, .data = { .data_len = n, .data_val = (char *)data } };
  static char cbuf[GUESTFS_MAX_CHUNK_SIZE + 64];
  xdrmem_create(&x, cbuf + 4, sizeof cbuf - 4, XDR_ENCODE);
  if (!xdr_guestfs_chunk(&x, &c))
    die("encoding a chunk");
  uint32_t len = xdr_getpos(&x);
  xdr_destroy(&x);
  *(uint32_t *)cbuf = htonl(len);
  write_all(cbuf, len + 4);
}

int main(int argc, char **argv)
{
  if (argc != 5)
    die("usage: fastpeer-client SOCKET CALLS XFER_FILE DEVICE");
  int calls = atoi(argv[2]);
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  strncpy(addr.sun_path, argv[1], sizeof addr.sun_path - 1);
  sock = socket(AF_UNIX, SOCK_STREAM, 0);
  if (sock < 0 || connect(sock, (struct sockaddr *)&addr, sizeof addr) < 0)
    die("cannot connect to the socket");
  if (read_message() != GUESTFS_LAUNCH_FLAG)
    die("no launch flag");

  double c0 = cpu(), t0 = now();
  for (int i = 0; i < calls; i++) {
    guestfs_umask_args a = { .mask = 022 };
    guestfs_umask_ret r;
    send_call(GUESTFS_PROC_UMASK, (xdrproc_t)xdr_guestfs_umask_args, &a);
    read_reply(GUESTFS_PROC_UMASK, (xdrproc_t)xdr_guestfs_umask_ret, &r);
    if (i > 0 && r.oldmask != 022)
      die("umask returned an unexpected old mask");
  }
  double calls_s = now() - t0, calls_cpu = cpu() - c0;

  int fd = open(argv[3], O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) < 0)
    die("cannot open the transfer file");
  double mb = st.st_size / 1e6;
  static char data[GUESTFS_MAX_CHUNK_SIZE];
  c0 = cpu(), t0 = now();
  guestfs_upload_args ua = { .remotefilename = argv[4] };
  send_call(GUESTFS_PROC_UPLOAD, (xdrproc_t)xdr_guestfs_upload_args, &ua);
  for (;;) {
    ssize_t n = read(fd, data, sizeof data);
    if (n < 0)
      die("reading the transfer file");
    send_chunk(data, (u_int)n);
    if (n == 0)
      break;
  }
  read_reply(GUESTFS_PROC_UPLOAD, NULL, NULL);
  double up_s = now() - t0, up_cpu = cpu() - c0;
  close(fd);

  c0 = cpu(), t0 = now();
  guestfs_download_args da = { .remotefilename = argv[4] };
  send_call(GUESTFS_PROC_DOWNLOAD, (xdrproc_t)xdr_guestfs_download_args, &da);
  read_reply(GUESTFS_PROC_DOWNLOAD, NULL, NULL);
  long long got = 0;
  for (;;) {
    uint32_t len = read_message();
    XDR x;
    guestfs_chunk c = { 0 };
    xdrmem_create(&x, buf, len, XDR_DECODE);
    if (!xdr_guestfs_chunk(&x, &c) || c.cancel)
      die("bad or cancelled download chunk");
    xdr_destroy(&x);
    got += c.data.data_len;
    u_int n = c.data.data_len;
    xdr_free((xdrproc_t)xdr_guestfs_chunk, (char *)&c);
    if (n == 0)
      break;
  }
  double down_s = now() - t0, down_cpu = cpu() - c0;
  if (got != st.st_size)
    die("the download's size differs from the upload's");
  close(sock);

  printf("{\"side\":\"fastpeer-c\",\"calls\":%d,\"per_call_us\":%.2f,\"calls_per_s\":%.1f,\"cpu_per_call_us\":%.2f,"
         "\"upload_mbps\":%.2f,\"download_mbps\":%.2f,\"upload_cpu_s_per_mb\":%.5f,\"download_cpu_s_per_mb\":%.5f}\n",
         calls, calls_s * 1e6 / calls, calls / calls_s, calls_cpu * 1e6 / calls, mb / up_s, mb / down_s, up_cpu / mb, down_cpu / mb);
  return 0;
}
