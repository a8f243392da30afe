# Reference numbers for NestedInterceptModel (mixed package tests): lme4's Pastes, nlme's Oats and a
# generated consortium of participants in groups in institutions; writes the data the Java tests read
# to ../resources/mixed/*.csv.
# Run from this folder: Rscript mixed-models.R   (R 4.2, lme4 1.1-31, lmerTest 3.1-3, nlme 3.1-162, Hmisc 4.8-0)
#
# Every fit uses a tight optimiser, so the reference is the maximum itself rather than lme4's default
# stopping point (which is about 1e-7 short of it in theta):
#   control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12))
suppressMessages({library(lmerTest); library(nlme); library(Hmisc)})
options(digits = 12, width = 200)
tight <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5))
out <- "../resources/mixed"

show <- function(label, fit, contrasts = list()) {
  cat("\n###", label, "\n")
  s <- summary(fit)$coefficients
  ci <- do.call(rbind, lapply(seq_len(nrow(s)), function(j) {
    L <- numeric(nrow(s)); L[j] <- 1
    contest(fit, L, joint = FALSE, confint = TRUE)[, c("lower", "upper")]
  }))
  print(cbind(s, ci))
  vc <- as.data.frame(VarCorr(fit))
  print(vc[, c("grp", "vcov")])
  # intraclass correlations: outer = sigma_out^2 / total, inner (same group) = (sigma_out^2 + sigma_in^2) / total
  if (nrow(vc) == 3) print(c(iccOuter = vc$vcov[2] / sum(vc$vcov), iccInner = sum(vc$vcov[1:2]) / sum(vc$vcov)))
  print(c(theta = getME(fit, "theta")))
  print(c(logLik = as.numeric(logLik(fit)), criterion = if (isREML(fit)) REMLcrit(fit) else deviance(fit)))
  for (name in names(contrasts)) {
    cat(name, "\n")
    print(contest(fit, contrasts[[name]], joint = FALSE, confint = TRUE))
  }
}

# lme4's Pastes: strength of 2 assays of each of 3 casks of 10 batches.
data(Pastes, package = "lme4")
write.csv(Pastes[, c("batch", "cask", "strength")], file.path(out, "pastes.csv"), row.names = FALSE)
show("Pastes REML", lmer(strength ~ 1 + (1 | batch/cask), Pastes, REML = TRUE, control = tight))
show("Pastes ML", lmer(strength ~ 1 + (1 | batch/cask), Pastes, REML = FALSE, control = tight))

# nlme's Oats: yield of 4 nitrogen doses on 3 varieties' plots in 6 blocks (split plot).
oats <- as.data.frame(Oats)
oats$Block <- as.character(oats$Block); oats$Variety <- as.character(oats$Variety)
write.csv(oats[, c("Block", "Variety", "nitro", "yield")], file.path(out, "oats.csv"), row.names = FALSE)
show("Oats nitro", lmer(yield ~ nitro + (1 | Block/Variety), oats, control = tight))
# Variety is constant within each Block:Variety plot: a fixed effect at the inner level.
show("Oats nitro + Variety", lmer(yield ~ nitro + Variety + (1 | Block/Variety), oats, control = tight),
     list("Marvellous - Victory" = c(0, 0, 1, -1)))
print(as.data.frame(contest(lmer(yield ~ nitro + Variety + (1 | Block/Variety), oats, control = tight),
  rbind(c(0, 0, 1, 0), c(0, 0, 0, 1)), joint = TRUE)), digits = 12)
show("Oats ML", lmer(yield ~ nitro + Variety + (1 | Block/Variety), oats, REML = FALSE, control = tight))
# One level: plots only.
oats$plot <- paste(oats$Block, oats$Variety)
show("Oats one level", lmer(yield ~ nitro + (1 | plot), oats, control = tight))

# A generated consortium: participants in groups in institutions, with a baseline score, the sessions
# each attended (the dose), a group-level facilitation style and planned size.
set.seed(2027)
rows <- list()
for (i in 1:12) {
  inst <- sprintf("inst-%02d", i)
  u_i <- rnorm(1, 0, 2)
  for (g in seq_len(sample(3:5, 1))) {
    n <- sample(5:11, 1)
    style <- sample(c("BALINT_CLASSIC", "CASE_DISCUSSION", "ROLE_PLAY"), 1)
    planned <- sample(6:14, 1)
    attendance <- runif(1, 0.4, 0.95)
    u_g <- rnorm(1, 0, 1.5)
    pre <- round(rnorm(n, 50, 10))
    sessions <- rbinom(n, 12, attendance)
    post <- round(10 + 0.7 * pre + 0.4 * sessions + 0.1 * planned + c(BALINT_CLASSIC = 0, CASE_DISCUSSION = 1,
      ROLE_PLAY = -1)[style] + u_i + u_g + rnorm(n, 0, 5), 1)
    rows[[length(rows) + 1]] <- data.frame(institution = inst, group = sprintf("g%d", g), style = style,
      plannedSize = planned, pre = pre, sessions = sessions, post = post)
  }
}
dat <- do.call(rbind, rows)
write.csv(dat, file.path(out, "consortium.csv"), row.names = FALSE)
cat("\nparticipants", nrow(dat), "groups", nrow(unique(dat[, 1:2])), "\n")

show("Consortium REML", lmer(post ~ pre + sessions + style + plannedSize + (1 | institution/group), dat,
  control = tight))
show("Consortium ML", lmer(post ~ pre + sessions + style + plannedSize + (1 | institution/group), dat,
  REML = FALSE, control = tight))
moderators <- lmer(post ~ pre + sessions + style + plannedSize + (1 | institution/group), dat, control = tight)
print(anova(moderators))
# The style's two coefficients together (the row "style" of anova(moderators)), with its denominator df in full:
print(as.data.frame(contest(moderators, rbind(c(0, 0, 0, 1, 0, 0), c(0, 0, 0, 0, 1, 0)), joint = TRUE)), digits = 12)
# Three coefficients at once: pre, sessions and plannedSize.
print(as.data.frame(contest(moderators, rbind(c(0, 1, 0, 0, 0, 0), c(0, 0, 1, 0, 0, 0), c(0, 0, 0, 0, 0, 1)),
  joint = TRUE)), digits = 12)

# Dose split into its within-group part and the group mean (Riley et al. 2020).
dat$key <- paste(dat$institution, dat$group)
dat$sessionsMean <- ave(dat$sessions, dat$key)
dat$sessionsWithin <- dat$sessions - dat$sessionsMean
show("Consortium within/between", lmer(post ~ pre + sessionsWithin + sessionsMean + (1 | institution/group), dat,
  control = tight), list("within - between" = c(0, 0, 1, -1)))

# Restricted cubic spline of the dose, 4 knots at Harrell's default quantiles.
knots <- rcspline.eval(dat$sessions, nk = 4, knots.only = TRUE)
cat("knots", knots, "\n")
basis <- rcspline.eval(dat$sessions, knots = knots, inclx = TRUE)
cat("basis at 0, 5, 9, 12:\n"); print(rcspline.eval(c(0, 5, 9, 12), knots = knots, inclx = TRUE))
dat$s1 <- basis[, 1]; dat$s2 <- basis[, 2]; dat$s3 <- basis[, 3]
spline <- lmer(post ~ pre + s1 + s2 + s3 + (1 | institution/group), dat, control = tight)
at <- function(x) c(0, 0, rcspline.eval(x, knots = knots, inclx = TRUE) - rcspline.eval(2, knots = knots, inclx = TRUE))
show("Consortium spline", spline, list("dose 10 vs 2" = at(10), "dose 6 vs 2" = at(6)))

# One group per institution: only the sum of the two variances is identified; lmer splits it where its optimiser
# happens to stop, with the fit of (1 | institution) whatever the split.
one <- dat[dat$group == "g1", ]
cat("\none group per institution, split:", as.data.frame(VarCorr(lmer(post ~ pre + sessions + (1 | institution/group),
  one, control = tight)))$vcov, "\n")
show("One group per institution", lmer(post ~ pre + sessions + (1 | institution), one, control = tight))

# A fit at the boundary: no institution effect in the data, and the institutions' variance estimated at 0.
set.seed(7)
flat <- dat[, c("institution", "group", "pre", "sessions")]
flat$post <- round(20 + 0.6 * flat$pre + 0.3 * flat$sessions + rnorm(nrow(flat), 0, 6), 1)
write.csv(flat, file.path(out, "boundary.csv"), row.names = FALSE)
b <- lmer(post ~ pre + sessions + (1 | institution/group), flat, control = tight)
cat("singular", isSingular(b), "\n")
show("Boundary REML", b)
