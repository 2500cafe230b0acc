/*
 * C peer of FastReg's MLP training step (issue 12 item 4): MLP 64-128-10, batch 32, ReLU, softmax
 * cross-entropy on integer labels, SGD(lr 0.01, momentum 0.9, weight decay 1e-4 on every tensor, as
 * torch.optim.SGD), float32, on one thread, every product a cblas_sgemm call into OpenBLAS (inference:
 * cblas_sgemv), bias, ReLU, mask and loss in plain loops: the "C calling OpenBLAS" anchor of the issue.
 *
 *   gcc -O3 -march=native -o /tmp/mlp_step_openblas bench/c-peer/mlp_step_openblas.c -lopenblas -lm
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 /tmp/mlp_step_openblas [rounds]
 *
 * Prints the median over rounds of the wall time per call (500 steps or 5,000 inferences a round) and
 * the loss after the timed steps.
 */
#include <cblas.h>
#include <xmmintrin.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { B = 32, IN = 64, H = 128, C = 10 };

static float x[B * IN], w1[H * IN], b1[H], w2[C * H], b2[C];
static float g_w1[H * IN], g_b1[H], g_w2[C * H], g_b2[C];
static float m_w1[H * IN], m_b1[H], m_w2[C * H], m_b2[C];
static float h[B * H], a[B * H], z[B * C], dz[B * C], da[B * H];
static int labels[B];

static unsigned long long rng = 1;
static float uniform(void) /* in [-1, 1) */
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (float)((rng >> 40) * (1.0 / 16777216.0)) * 2.0f - 1.0f;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void sgd(float *w, float *g, float *m, int n)
{
    const float lr = 0.01f, momentum = 0.9f, wd = 1e-4f;
    for (int i = 0; i < n; i++) {
        float d = g[i] + wd * w[i];
        m[i] = momentum * m[i] + d;
        w[i] -= lr * m[i];
    }
}

static float step(void)
{
    /* forward: h = x·W1ᵀ + b1, a = relu(h), z = a·W2ᵀ + b2 */
    for (int r = 0; r < B; r++) memcpy(h + r * H, b1, sizeof b1);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, H, IN, 1.0f, x, IN, w1, IN, 1.0f, h, H);
    for (int i = 0; i < B * H; i++) a[i] = h[i] > 0 ? h[i] : 0;
    for (int r = 0; r < B; r++) memcpy(z + r * C, b2, sizeof b2);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, C, H, 1.0f, a, H, w2, H, 1.0f, z, C);
    /* loss and dz = (softmax − onehot) / B */
    float loss = 0;
    for (int r = 0; r < B; r++) {
        const float *zr = z + r * C;
        float *p = dz + r * C, m = zr[0], s = 0;
        for (int j = 1; j < C; j++) m = zr[j] > m ? zr[j] : m;
        for (int j = 0; j < C; j++) s += p[j] = expf(zr[j] - m);
        loss += m + logf(s) - zr[labels[r]];
        float inv = 1.0f / (s * B);
        for (int j = 0; j < C; j++) p[j] *= inv;
        p[labels[r]] -= 1.0f / B;
    }
    /* backward */
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, C, H, B, 1.0f, dz, C, a, H, 0.0f, g_w2, H);
    memset(g_b2, 0, sizeof g_b2);
    for (int r = 0; r < B; r++) for (int j = 0; j < C; j++) g_b2[j] += dz[r * C + j];
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, B, H, C, 1.0f, dz, C, w2, H, 0.0f, da, H);
    for (int i = 0; i < B * H; i++) da[i] = h[i] > 0 ? da[i] : 0;
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, H, IN, B, 1.0f, da, H, x, IN, 0.0f, g_w1, IN);
    memset(g_b1, 0, sizeof g_b1);
    for (int r = 0; r < B; r++) for (int j = 0; j < H; j++) g_b1[j] += da[r * H + j];
    sgd(w1, g_w1, m_w1, H * IN);
    sgd(b1, g_b1, m_b1, H);
    sgd(w2, g_w2, m_w2, C * H);
    sgd(b2, g_b2, m_b2, C);
    return loss / B;
}

static float one_h[H], one_z[C];
static float infer(void)
{
    memcpy(one_h, b1, sizeof b1);
    cblas_sgemv(CblasRowMajor, CblasNoTrans, H, IN, 1.0f, w1, IN, x, 1, 1.0f, one_h, 1);
    for (int i = 0; i < H; i++) one_h[i] = one_h[i] > 0 ? one_h[i] : 0;
    memcpy(one_z, b2, sizeof b2);
    cblas_sgemv(CblasRowMajor, CblasNoTrans, C, H, 1.0f, w2, H, one_h, 1, 1.0f, one_z, 1);
    return one_z[0];
}

static int cmp(const void *p, const void *q)
{
    double d = *(const double *)p - *(const double *)q;
    return (d > 0) - (d < 0);
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 21;
    if (rounds < 1 || rounds > 1000) rounds = 21;
    openblas_set_num_threads(1);
    if (getenv("PEER_FTZ")) _mm_setcsr(_mm_getcsr() | 0x8040); /* flush-to-zero + denormals-are-zero (diagnosis only) */
    float bound1 = sqrtf(6.0f / IN), bound2 = sqrtf(6.0f / (H + C));
    for (int i = 0; i < B * IN; i++) x[i] = uniform();
    for (int i = 0; i < H * IN; i++) w1[i] = uniform() * bound1;
    for (int i = 0; i < C * H; i++) w2[i] = uniform() * bound2;
    for (int r = 0; r < B; r++) labels[r] = (int)((uniform() + 1) * 5) % C;
    double *t = malloc(sizeof(double) * rounds);
    float loss = 0, sink = 0;
    double w0 = now();
    for (int i = 0; i < 500; i++) loss = step();
    double first = (now() - w0) / 500 * 1e6;
    for (int i = 500; i < 2000; i++) loss = step(); /* warm-up */
    for (int r = 0; r < rounds; r++) {
        double t0 = now();
        for (int i = 0; i < 500; i++) loss = step();
        t[r] = (now() - t0) / 500 * 1e6;
    }
    qsort(t, rounds, sizeof *t, cmp);
    printf("c-openblas\ttrain\t%.3f\tus (median of %d rounds of 500 steps; first 500 steps %.1f us; loss %.4f)\n", t[rounds / 2], rounds, first, loss);
    for (int i = 0; i < 20000; i++) sink += infer();
    for (int r = 0; r < rounds; r++) {
        double t0 = now();
        for (int i = 0; i < 5000; i++) sink += infer();
        t[r] = (now() - t0) / 5000 * 1e6;
    }
    qsort(t, rounds, sizeof *t, cmp);
    printf("c-openblas\tinfer\t%.3f\tus (median of %d rounds of 5,000 inferences; %g)\n", t[rounds / 2], rounds, sink > 1e30 ? 1.0 : 0.0);
    free(t);
    return 0;
}
