# Reference numbers for Diagnostics (BcgDiagnosticsTest): leave-one-out, influence, Baujat,
# Egger's regression test, trim-and-fill and cumulative meta-analysis on dat.bcg.
# Run: Rscript diagnostics.R   (R 4.2, metafor 3.8-1)
library(metafor)
options(digits = 12, width = 200)
dat <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
res <- rma(yi, vi, data = dat)

cat("== leave1out(res)\n")
print(as.data.frame(leave1out(res)))

cat("== influence(res)\n")
inf <- influence(res)
print(as.data.frame(inf$inf)[, c("rstudent", "dffits", "cook.d", "cov.r", "tau2.del", "QE.del", "hat", "weight")])
print(as.data.frame(inf$dfbs))

cat("== rstandard(res)\n")
print(as.data.frame(rstandard(res)))

cat("== baujat(res)\n")
pdf(NULL)
print(baujat(res))

cat("== regtest(res)\n")
eg <- regtest(res)
print(c(zval = eg$zval, pval = eg$pval, est = eg$est, ci.lb = eg$ci.lb, ci.ub = eg$ci.ub))
print(coef(summary(eg$fit)))

cat("== trimfill(res)\n")
tf <- trimfill(res)
print(c(k0 = tf$k0, se.k0 = tf$se.k0, side = tf$side, estimate = tf$beta[1], se = tf$se, tau2 = tf$tau2,
        ci.lb = tf$ci.lb, ci.ub = tf$ci.ub))
print(tf$yi[tf$fill])
print(tf$vi[tf$fill])

cat("== cumul(res, order = year)\n")
print(as.data.frame(cumul(res, order = dat$year)))

cat("== the same on the three-level data: leave1out and cumul for a DL model with knha\n")
res2 <- rma(yi, vi, data = dat, method = "DL", test = "knha")
print(as.data.frame(leave1out(res2))[1:3, ])
