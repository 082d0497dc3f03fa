/* Reference encoder/decoder for UnionCodecReferenceTests, built with rpcgen and libtirpc from
 * Cases/RpcgenUnions/unions.x.
 *
 *   unions encode SAMPLE      encodes the named sample value (built below; UnionSamples.cs builds the same values
 *                             with the generated C# records) to stdout;
 *   unions roundtrip TYPE     decodes one TYPE (u_shape, u_result, u_maybe, u_code, u_outer, u_everything) from
 *                             stdin, requires every byte to be used, and encodes it again to stdout.
 * Exit status: 0 ok, 1 usage, 2 encode/decode failed, 3 trailing bytes after the value. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unions.h"

#define BUFFER_SIZE 65536

static char s_name_abc[] = "abc";
static char s_tag_one[] = "one";
static char s_tag_two[] = "tw";
static char s_blob_a[] = { 1, 2, 3 };
static char s_blob_b[] = { 9 };

static void shape_radius(u_shape *s, int kind, int radius)
{
  memset(s, 0, sizeof *s);
  s->kind = kind;
  s->u_shape_u.radius = radius;
}

static void build_everything(u_everything *e)
{
  static u_point points[2] = { { 1, 2 }, { -3, 4 } };
  static u_shape shapes[3];
  static u_shape optional_shape;
  static u_tag optional_tag = s_tag_one;
  static u_count optional_count = 42;
  static u_blob blobs[2];
  static u_tag tags[2];
  static u_status statuses[3] = { U_OK, U_LATER, U_DENIED };
  static u_count counts[4] = { 0, -1, 2147483647, -2147483647 - 1 };
  static bool_t flags[3] = { TRUE, FALSE, TRUE };
  static u_point chain = { 7, 8 };

  memset(e, 0, sizeof *e);
  e->figure.kind = 3;
  e->figure.u_shape_u.corner.x = 10;
  e->figure.u_shape_u.corner.y = -10;
  e->result.status = U_OK;
  e->result.u_result_u.points.points_len = 2;
  e->result.u_result_u.points.points_val = points;
  e->maybe.present = TRUE;
  e->maybe.u_maybe_u.value = -0.25;
  e->code.code = 4000000000u;
  memcpy(e->code.u_code_u.digest, "ABCDE", 5);
  e->outer.which = U_OK;
  shape_radius(&e->outer.u_outer_u.inner, 2, 5);
  e->action.verb = U_ENCODE;
  e->action.u_action_u.level = 3;

  shapes[0].kind = 0;
  shape_radius(&shapes[1], 1, -9);
  shapes[2].kind = -7;
  shapes[2].u_shape_u.name = s_name_abc;
  e->shapes.shapes_len = 3;
  e->shapes.shapes_val = shapes;
  shape_radius(&e->pair[0], 1, 1);
  e->pair[1].kind = 12345;
  e->pair[1].u_shape_u.other = -1234567890123LL;
  optional_shape.kind = 0;
  e->optional_shape = &optional_shape;
  e->optional_tag = &optional_tag;
  e->optional_count = &optional_count;

  blobs[0].u_blob_len = 3;
  blobs[0].u_blob_val = s_blob_a;
  blobs[1].u_blob_len = 0;
  blobs[1].u_blob_val = NULL;
  e->blobs.blobs_len = 2;
  e->blobs.blobs_val = blobs;
  e->fixed_blobs[0].u_blob_len = 1;
  e->fixed_blobs[0].u_blob_val = s_blob_b;
  e->fixed_blobs[1].u_blob_len = 0;
  tags[0] = s_tag_one;
  tags[1] = s_tag_two;
  e->tags.tags_len = 2;
  e->tags.tags_val = tags;
  e->statuses.statuses_len = 3;
  e->statuses.statuses_val = statuses;
  e->fixed_statuses[0] = U_NOT_FOUND;
  e->fixed_statuses[1] = U_LATER;
  e->points[0].x = 100;
  e->points[0].y = 200;
  e->points[1].x = -100;
  e->points[1].y = -200;
  e->counts.counts_len = 4;
  e->counts.counts_val = counts;
  e->hypers[0] = 9223372036854775807LL;
  e->hypers[1] = -9223372036854775807LL - 1;
  e->flags.flags_len = 3;
  e->flags.flags_val = flags;
  e->chain = &chain;
}

/* The samples: one per arm form of each union, and the structure holding them all. */
static int build_sample(const char *name, void **value, xdrproc_t *proc)
{
  static u_shape shape;
  static u_result result;
  static u_maybe maybe;
  static u_code code;
  static u_outer outer;
  static u_everything everything;
  static u_point points[2] = { { 1, 2 }, { 3, 4 } };

  memset(&shape, 0, sizeof shape);
  memset(&result, 0, sizeof result);
  memset(&maybe, 0, sizeof maybe);
  memset(&code, 0, sizeof code);
  memset(&outer, 0, sizeof outer);
  *value = &shape;
  *proc = (xdrproc_t)xdr_u_shape;
  if (strcmp(name, "shape_void") == 0) { shape.kind = 0; return 0; }
  if (strcmp(name, "shape_first_label") == 0) { shape_radius(&shape, 1, 77); return 0; }
  if (strcmp(name, "shape_second_label") == 0) { shape_radius(&shape, 2, -77); return 0; }
  if (strcmp(name, "shape_struct") == 0) { shape.kind = 3; shape.u_shape_u.corner.x = 5; shape.u_shape_u.corner.y = -6; return 0; }
  if (strcmp(name, "shape_negative_label") == 0) { shape.kind = -7; shape.u_shape_u.name = s_name_abc; return 0; }
  if (strcmp(name, "shape_default") == 0) { shape.kind = 99; shape.u_shape_u.other = -1234567890123LL; return 0; }

  *value = &result;
  *proc = (xdrproc_t)xdr_u_result;
  if (strcmp(name, "result_ok") == 0) { result.status = U_OK; result.u_result_u.points.points_len = 2; result.u_result_u.points.points_val = points; return 0; }
  if (strcmp(name, "result_void") == 0) { result.status = U_DENIED; return 0; }
  if (strcmp(name, "result_later") == 0) { result.status = U_LATER; result.u_result_u.retry_after = 9223372036854775813ULL; return 0; }

  *value = &maybe;
  *proc = (xdrproc_t)xdr_u_maybe;
  if (strcmp(name, "maybe_true") == 0) { maybe.present = TRUE; maybe.u_maybe_u.value = 1.5; return 0; }
  if (strcmp(name, "maybe_false") == 0) { maybe.present = FALSE; return 0; }

  *value = &code;
  *proc = (xdrproc_t)xdr_u_code;
  if (strcmp(name, "code_digest") == 0) { code.code = 4000000000u; memcpy(code.u_code_u.digest, "ABCDE", 5); return 0; }
  if (strcmp(name, "code_default") == 0) { code.code = 7; return 0; }

  *value = &outer;
  *proc = (xdrproc_t)xdr_u_outer;
  if (strcmp(name, "outer_nested") == 0) { outer.which = U_OK; shape_radius(&outer.u_outer_u.inner, 1, 5); return 0; }
  if (strcmp(name, "outer_default") == 0) { outer.which = U_DENIED; outer.u_outer_u.copy = U_NOT_FOUND; return 0; }

  *value = &everything;
  *proc = (xdrproc_t)xdr_u_everything;
  if (strcmp(name, "everything") == 0) { build_everything(&everything); return 0; }
  return -1;
}

static int type_proc(const char *type, xdrproc_t *proc, size_t *size)
{
  if (strcmp(type, "u_shape") == 0) { *proc = (xdrproc_t)xdr_u_shape; *size = sizeof(u_shape); return 0; }
  if (strcmp(type, "u_result") == 0) { *proc = (xdrproc_t)xdr_u_result; *size = sizeof(u_result); return 0; }
  if (strcmp(type, "u_maybe") == 0) { *proc = (xdrproc_t)xdr_u_maybe; *size = sizeof(u_maybe); return 0; }
  if (strcmp(type, "u_code") == 0) { *proc = (xdrproc_t)xdr_u_code; *size = sizeof(u_code); return 0; }
  if (strcmp(type, "u_outer") == 0) { *proc = (xdrproc_t)xdr_u_outer; *size = sizeof(u_outer); return 0; }
  if (strcmp(type, "u_everything") == 0) { *proc = (xdrproc_t)xdr_u_everything; *size = sizeof(u_everything); return 0; }
  return -1;
}

static int write_encoded(void *value, xdrproc_t proc)
{
  static char buffer[BUFFER_SIZE];
  XDR xdrs;
  xdrmem_create(&xdrs, buffer, sizeof buffer, XDR_ENCODE);
  if (!proc(&xdrs, value, 0))
    return 2;
  fwrite(buffer, 1, xdr_getpos(&xdrs), stdout);
  return 0;
}

int main(int argc, char **argv)
{
  if (argc != 3)
    return 1;
  if (strcmp(argv[1], "encode") == 0) {
    void *value;
    xdrproc_t proc;
    if (build_sample(argv[2], &value, &proc) != 0)
      return 1;
    return write_encoded(value, proc);
  }
  if (strcmp(argv[1], "roundtrip") == 0) {
    static char input[BUFFER_SIZE];
    xdrproc_t proc;
    size_t size, length;
    void *value;
    XDR xdrs;
    int status;
    if (type_proc(argv[2], &proc, &size) != 0)
      return 1;
    length = fread(input, 1, sizeof input, stdin);
    value = calloc(1, size);
    xdrmem_create(&xdrs, input, length, XDR_DECODE);
    if (!proc(&xdrs, value, 0))
      return 2;
    if (xdr_getpos(&xdrs) != length)
      return 3;
    status = write_encoded(value, proc);
    xdr_free(proc, value);
    free(value);
    return status;
  }
  return 1;
}
