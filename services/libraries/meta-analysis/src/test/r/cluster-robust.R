# Reference numbers for ClusterRobust (ClusterRobustTest): CR2 cluster-robust inference with
# Satterthwaite degrees of freedom (Pustejovsky & Tipton 2018), clustering schools by district in
# dat.konstantopoulos2011.
# Run: Rscript cluster-robust.R   (R 4.2, metafor 3.8-1, clubSandwich 0.5.8)
library(metafor)
library(clubSandwich)
options(digits = 12)
dat <- dat.konstantopoulos2011

show <- function(res) {
  rob <- robust(res, cluster = district, clubSandwich = TRUE)
  print(cbind(beta = rob$beta[, 1], se = rob$se, tval = rob$zval, df = rob$ddf, pval = rob$pval,
              ci.lb = rob$ci.lb, ci.ub = rob$ci.ub))
  print(c(QM = rob$QM, QMdf = rob$QMdf, QMp = rob$QMp))
  print(coef_test(res, vcov = "CR2", cluster = dat$district))
  print(vcovCR(res, cluster = dat$district, type = "CR2"))
}

# The two-level model, clustered by district
show(rma(yi, vi, data = dat))
show(rma(yi, vi, mods = ~ year, data = dat))
# Three levels of schools: a categorical moderator with three levels (Wald test HTZ)
show(rma(yi, vi, mods = ~ factor(cut(year, c(0, 1980, 1995, 3000))), data = dat))
# The multilevel model, clustered by district
show(rma.mv(yi, vi, random = ~ 1 | district/school, data = dat))
show(rma.mv(yi, vi, mods = ~ year, random = ~ 1 | district/school, data = dat))
