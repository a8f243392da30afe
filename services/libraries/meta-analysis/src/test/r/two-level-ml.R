# Reference numbers for the two-level model fitted by ML (BcgRandomEffectsTest.maximumLikelihood).
# Run: Rscript two-level-ml.R   (R 4.2, metafor 3.8-1)
library(metafor)
options(digits = 12)
dat <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
res <- rma(yi, vi, data = dat, method = "ML")
print(c(estimate = res$beta[1], se = res$se, tau2 = res$tau2, se.tau2 = res$se.tau2, I2 = res$I2))
