/* Reference encoder/decoder for XdrReferenceTests, built against libtirpc from xdr_reference.x.
 *
 *   xdr_reference encode   encodes the ref_sample_set built by ref_build_values() (a file the test
 *                          writes from its C# values) to stdout with libtirpc's XDR routines;
 *   xdr_reference decode   decodes one ref_sample_set from stdin, requires every byte to be used, and
 *                          prints it one "path=value" line per field (the format the test's C# side
 *                          prints too). Strings and opaques are printed as lower-case hex, floats as
 *                          their IEEE bit patterns.
 * Exit status: 0 ok, 1 usage, 2 encode/decode failed, 3 trailing bytes after the value. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xdr_reference.h"

void ref_build_values(ref_sample_set *set);

static void print_hex(const char *path, const char *bytes, size_t length)
{
  printf("%s=", path);
  for (size_t i = 0; i < length; i++)
    printf("%02x", (unsigned char)bytes[i]);
  printf("\n");
}

static void print_inner(const char *path, const ref_inner *inner)
{
  char field[128];
  printf("%s.id=%d\n", path, inner->id);
  snprintf(field, sizeof field, "%s.label", path);
  print_hex(field, inner->label, strlen(inner->label));
}

static void print_sample(const char *path, const ref_sample *s)
{
  char field[128];
  uint32_t f32_bits;
  uint64_t f64_bits;

  printf("%s.i32=%d\n", path, s->i32);
  printf("%s.u32=%u\n", path, s->u32);
  printf("%s.i64=%lld\n", path, (long long)s->i64);
  printf("%s.u64=%llu\n", path, (unsigned long long)s->u64);
  printf("%s.flag=%d\n", path, s->flag ? 1 : 0);
  printf("%s.color=%d\n", path, (int)s->color);
  memcpy(&f32_bits, &s->f32, sizeof f32_bits);
  memcpy(&f64_bits, &s->f64, sizeof f64_bits);
  printf("%s.f32=%08x\n", path, f32_bits);
  printf("%s.f64=%016llx\n", path, (unsigned long long)f64_bits);
  snprintf(field, sizeof field, "%s.fixed_data", path);
  print_hex(field, s->fixed_data, sizeof s->fixed_data);
  snprintf(field, sizeof field, "%s.data", path);
  print_hex(field, s->data.data_val, s->data.data_len);
  snprintf(field, sizeof field, "%s.name", path);
  print_hex(field, s->name, strlen(s->name));
  snprintf(field, sizeof field, "%s.text", path);
  print_hex(field, s->text, strlen(s->text));
  printf("%s.fixed_ints=%d,%d,%d\n", path, s->fixed_ints[0], s->fixed_ints[1], s->fixed_ints[2]);
  printf("%s.hypers=", path);
  for (u_int i = 0; i < s->hypers.hypers_len; i++)
    printf(i == 0 ? "%lld" : ",%lld", (long long)s->hypers.hypers_val[i]);
  printf("\n");
  if (s->maybe == NULL) {
    printf("%s.maybe=absent\n", path);
  } else {
    snprintf(field, sizeof field, "%s.maybe", path);
    print_inner(field, s->maybe);
  }
  printf("%s.shape.kind=%d\n", path, s->shape.kind);
  switch (s->shape.kind) {
  case 0:
    break;
  case 1:
    printf("%s.shape.radius=%d\n", path, s->shape.ref_shape_u.radius);
    break;
  case 2:
    snprintf(field, sizeof field, "%s.shape.name", path);
    print_hex(field, s->shape.ref_shape_u.name, strlen(s->shape.ref_shape_u.name));
    break;
  case 3:
    snprintf(field, sizeof field, "%s.shape.nested", path);
    print_inner(field, &s->shape.ref_shape_u.nested);
    break;
  default:
    printf("%s.shape.other=%lld\n", path, (long long)s->shape.ref_shape_u.other);
    break;
  }
  printf("%s.inners.count=%u\n", path, s->inners.inners_len);
  for (u_int i = 0; i < s->inners.inners_len; i++) {
    snprintf(field, sizeof field, "%s.inners[%u]", path, i);
    print_inner(field, &s->inners.inners_val[i]);
  }
}

static int encode(void)
{
  ref_sample_set set;
  XDR xdrs;
  memset(&set, 0, sizeof set);
  ref_build_values(&set);
  xdrstdio_create(&xdrs, stdout, XDR_ENCODE);
  if (!xdr_ref_sample_set(&xdrs, &set)) {
    fprintf(stderr, "xdr_ref_sample_set: encoding failed\n");
    return 2;
  }
  xdr_destroy(&xdrs);
  return fflush(stdout) == 0 ? 0 : 2;
}

static int decode(void)
{
  size_t capacity = 65536, length = 0, n;
  char *buffer = malloc(capacity);
  ref_sample_set set;
  XDR xdrs;

  while ((n = fread(buffer + length, 1, capacity - length, stdin)) > 0) {
    length += n;
    if (length == capacity)
      buffer = realloc(buffer, capacity *= 2);
  }

  memset(&set, 0, sizeof set);
  xdrmem_create(&xdrs, buffer, (u_int)length, XDR_DECODE);
  if (!xdr_ref_sample_set(&xdrs, &set)) {
    fprintf(stderr, "xdr_ref_sample_set: decoding failed\n");
    return 2;
  }
  if (xdr_getpos(&xdrs) != length) {
    fprintf(stderr, "%zu trailing bytes\n", length - xdr_getpos(&xdrs));
    return 3;
  }

  printf("items.count=%u\n", set.items.items_len);
  for (u_int i = 0; i < set.items.items_len; i++) {
    char path[32];
    snprintf(path, sizeof path, "items[%u]", i);
    print_sample(path, &set.items.items_val[i]);
  }
  xdr_free((xdrproc_t)xdr_ref_sample_set, (char *)&set);
  free(buffer);
  return fflush(stdout) == 0 ? 0 : 2;
}

int main(int argc, char **argv)
{
  if (argc == 2 && strcmp(argv[1], "encode") == 0)
    return encode();
  if (argc == 2 && strcmp(argv[1], "decode") == 0)
    return decode();
  fprintf(stderr, "usage: %s encode|decode\n", argv[0]);
  return 1;
}
