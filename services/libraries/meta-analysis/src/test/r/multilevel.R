# Reference numbers for MultilevelModel (KonstantopoulosMultilevelTest): schools nested in districts,
# dat.konstantopoulos2011 from the metadat package.
# Run: Rscript multilevel.R   (R 4.2, metafor 3.8-1)
library(metafor)
options(digits = 12)
dat <- dat.konstantopoulos2011

# The data as the Java test types it: district, school, year, yi, vi.
cat(sprintf("{%d, %d, %d, %s, %s},\n", dat$district, dat$school, dat$year, dat$yi, dat$vi), sep = "")

show <- function(res) {
  print(cbind(beta = res$beta[, 1], se = res$se, zval = res$zval, pval = res$pval, ci.lb = res$ci.lb, ci.ub = res$ci.ub))
  print(c(sigma2 = res$sigma2, QE = res$QE, QEp = res$QEp, QM = res$QM, QMp = res$QMp, logLik = logLik(res)))
  # I^2 per level (Cheung 2014), as the metafor FAQ "I^2 for multilevel and multivariate models" computes it
  W <- diag(1 / res$vi)
  X <- model.matrix(res)
  P <- W - W %*% X %*% solve(t(X) %*% W %*% X) %*% t(X) %*% W
  print(c(I2 = 100 * res$sigma2 / (sum(res$sigma2) + (res$k - res$p) / sum(diag(P))),
          I2.total = 100 * sum(res$sigma2) / (sum(res$sigma2) + (res$k - res$p) / sum(diag(P)))))
}

show(rma.mv(yi, vi, random = ~ 1 | district/school, data = dat))
show(rma.mv(yi, vi, random = ~ 1 | district/school, data = dat, method = "ML"))
show(rma.mv(yi, vi, mods = ~ year, random = ~ 1 | district/school, data = dat))
# A categorical moderator (subgroup test): schools before and after 1985.
show(rma.mv(yi, vi, mods = ~ factor(year >= 1985), random = ~ 1 | district/school, data = dat))
show(rma.mv(yi, vi, random = ~ 1 | district/school, data = dat, test = "t"))

# One school per district: the district and school variances cannot be told apart; rma.mv returns
# a split that depends on its start, while the estimate equals the two-level model's.
first <- dat[!duplicated(dat$district), ]
print(rma.mv(yi, vi, random = ~ 1 | district/school, data = first)$sigma2)
two <- rma(yi, vi, data = first)
print(c(estimate = two$beta[1], se = two$se, tau2 = two$tau2))
