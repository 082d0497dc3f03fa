/* The stock side of eng/bench.sh: the same session as tests/Guestfs.Benchmarks.Harness ("ours"),
 * through the stock libguestfs 1.48.6 C library, the way a C user calls it.
 *
 *   stock-bench DISK XFER_DISK XFER_FILE CALLS [--launch-only]
 *
 * Adds DISK (1 GiB raw, holding an ext2 file system) and XFER_DISK (raw, the size of XFER_FILE), launches,
 * mounts DISK read-only on / (not timed), makes small calls for a second (not timed), then CALLS small calls (exists
 * and statns of "/", alternating), uploads XFER_FILE to /dev/sdb, downloads /dev/sdb to /dev/null,
 * reads the qemu peak RSS, shuts down. With --launch-only: the same drives, launch, shutdown.
 * Prints one JSON object on stdout; exits non-zero on any error. */
#define _GNU_SOURCE
#include <guestfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/stat.h>

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(guestfs_h *g, const char *what)
{
  fprintf(stderr, "stock-bench: %s failed: %s\n", what, g ? guestfs_last_error(g) : "(no handle)");
  exit(1);
}

/* VmHWM of a process in KiB, or -1. */
static long peak_rss_kib(int pid)
{
  char path[64], line[256];
  long kib = -1;
  snprintf(path, sizeof path, "/proc/%d/status", pid);
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  while (fgets(line, sizeof line, f))
    if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
      break;
  fclose(f);
  return kib;
}

/* CPU seconds (user + system, all threads) of a process; pid 0 is this process. */
/* One small call: exists("/") on even I, statns("/") on odd. */
static void small_call(guestfs_h *g, int i)
{
  if (i % 2 == 0) {
    if (guestfs_exists(g, "/") != 1)
      die(g, "exists");
  } else {
    struct guestfs_statns *s = guestfs_statns(g, "/");
    if (!s)
      die(g, "statns");
    guestfs_free_statns(s);
  }
}

static double cpu_s(int pid)
{
  char path[64], buf[1024];
  snprintf(path, sizeof path, pid ? "/proc/%d/stat" : "/proc/self/stat", pid);
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  char *p = strrchr(buf, ')');
  unsigned long ut = 0, st = 0;
  if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
    return -1;
  return (ut + st) / 100.0;
}

int main(int argc, char **argv)
{
  if (argc < 5) {
    fprintf(stderr, "usage: stock-bench DISK XFER_DISK XFER_FILE CALLS [--launch-only]\n");
    return 2;
  }
  const char *disk = argv[1], *xdisk = argv[2], *xfile = argv[3];
  int calls = atoi(argv[4]);
  int launch_only = argc > 5 && strcmp(argv[5], "--launch-only") == 0;
  struct stat st;
  if (stat(xfile, &st) == -1) {
    perror(xfile);
    return 1;
  }

  double t0 = now();
  guestfs_h *g = guestfs_create();
  if (!g)
    die(NULL, "guestfs_create");
  if (guestfs_add_drive_opts(g, disk, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", -1) == -1)
    die(g, "add_drive");
  if (guestfs_add_drive_opts(g, xdisk, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", -1) == -1)
    die(g, "add_drive");
  if (guestfs_launch(g) == -1)
    die(g, "launch");
  double t1 = now();

  double calls_s = 0, up_s = 0, down_s = 0;
  double cc = 0, qc = 0, ucc = 0, uqc = 0, dcc = 0, dqc = 0, warm_cpu = 0;
  int warm_calls = 0;
  int qpid = guestfs_get_pid(g);
  if (!launch_only) {
    if (guestfs_mount_ro(g, "/dev/sda", "/") == -1)
      die(g, "mount_ro");
    /* The same untimed second of calls first as ours (which needs it for its JIT); here it warms the guest. */
    double w0 = now(), wc0 = cpu_s(0);
    for (; now() - w0 < 1.0; warm_calls++)
      small_call(g, warm_calls);
    double cc0 = cpu_s(0), qc0 = cpu_s(qpid);
    warm_cpu = cc0 - wc0;
    double c0 = now();
    for (int i = 0; i < calls; i++)
      small_call(g, i);
    calls_s = now() - c0;
    cc = cpu_s(0) - cc0;
    qc = cpu_s(qpid) - qc0;
    cc0 = cpu_s(0), qc0 = cpu_s(qpid);

    double u0 = now();
    if (guestfs_upload(g, xfile, "/dev/sdb") == -1)
      die(g, "upload");
    up_s = now() - u0;
    ucc = cpu_s(0) - cc0;
    uqc = cpu_s(qpid) - qc0;
    cc0 = cpu_s(0), qc0 = cpu_s(qpid);
    double d0 = now();
    if (guestfs_download(g, "/dev/sdb", "/dev/null") == -1)
      die(g, "download");
    down_s = now() - d0;
    dcc = cpu_s(0) - cc0;
    dqc = cpu_s(qpid) - qc0;
  }

  long qemu_kib = qpid > 0 ? peak_rss_kib(qpid) : -1;
  double s0 = now();
  if (guestfs_shutdown(g) == -1)
    die(g, "shutdown");
  guestfs_close(g);
  double s1 = now();

  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double mb = st.st_size / 1e6;
  printf("{\"side\":\"stock-lib\",\"launch_s\":%.4f,\"shutdown_s\":%.4f", t1 - t0, s1 - s0);
  if (!launch_only)
    printf(",\"calls\":%d,\"per_call_us\":%.2f,\"calls_per_s\":%.1f,\"upload_mbps\":%.2f,\"download_mbps\":%.2f",
           calls, calls_s * 1e6 / calls, calls / calls_s, mb / up_s, mb / down_s);
  if (!launch_only) {
    printf(",\"client_cpu_per_call_us\":%.2f,\"qemu_cpu_per_call_us\":%.2f"
           ",\"upload_client_cpu_s\":%.3f,\"upload_qemu_cpu_s\":%.3f"
           ",\"download_client_cpu_s\":%.3f,\"download_qemu_cpu_s\":%.3f",
           cc * 1e6 / calls, qc * 1e6 / calls, ucc, uqc, dcc, dqc);
    printf(",\"warmup_calls\":%d,\"warmup_client_cpu_s\":%.3f", warm_calls, warm_cpu);
  }
  printf(",\"client_peak_rss_mb\":%.2f,\"qemu_peak_rss_mb\":%.2f}\n", ru.ru_maxrss / 1024.0,
         qemu_kib / 1024.0);
  return 0;
}
