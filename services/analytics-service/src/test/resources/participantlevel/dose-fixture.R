# Generates dose-fixture.csv (run in this folder: Rscript dose-fixture.R), then prints every expected value
# ParticipantLevelEngineTest cites. Needs lme4, lmerTest, Hmisc and metafor.
set.seed(2027)
rows <- list()
for (i in 1:4) {
  u_i <- rnorm(1, 0, 5)
  for (g in 1:5) {
    u_g <- rnorm(1, 0, 4)
    size <- sample(c(6, 8, 10, 12), 1)
    style <- sample(c("CLASSIC_BALINT", "STRUCTURED"), 1)
    n <- sample(6:10, 1)
    sessions <- sample(8:20, 1)
    dose <- pmin(sessions, pmax(0, round(rnorm(n, 0.8 * sessions, 3))))
    pre <- round(rnorm(n, 108, 12))
    post <- round(pre * 0.9 + 14 + 0.4 * (dose - mean(dose)) + 0.2 * mean(dose) - 0.3 * size + u_i + u_g + rnorm(n, 0, 6))
    rows[[length(rows) + 1]] <- data.frame(institution = sprintf("inst-%d", i), group = sprintf("inst-%d/g-%d", i, g),
                                           plannedSize = size, facilitationStyle = style, dose = dose, pre = pre, post = post)
  }
}
d <- do.call(rbind, rows)
write.csv(d, "dose-fixture.csv", row.names = FALSE, quote = FALSE)
cat(nrow(d), "\n")
suppressPackageStartupMessages({library(lme4); library(lmerTest); library(Hmisc); library(metafor)})
options(digits = 15)
d$dbar <- ave(d$dose, d$group)
d$dw <- d$dose - d$dbar
counts <- table(tapply(d$facilitationStyle, d$group, unique))
print(counts)
d$structured <- as.numeric(d$facilitationStyle == "STRUCTURED")
d$classic <- as.numeric(d$facilitationStyle == "CLASSIC_BALINT")
f <- lmer(post ~ pre + dw + dbar + plannedSize + structured + (1 | institution/group), data = d, REML = TRUE)
print(summary(f)$coefficients)
print(as.data.frame(VarCorr(f)))
print(logLik(f))
print(contest(f, L = c(0, 0, -1, 1, 0, 0), joint = FALSE))
ss <- sum(tapply(d$pre, d$group, function(x) sum((x - mean(x))^2)))
df <- sum(tapply(d$pre, d$group, length) - 1)
cat("pooled sd", sqrt(ss / df), "\n")
knots <- rcspline.eval(d$dose, nk = 3, knots.only = TRUE)
cat("knots", knots, "\n")
s <- rcspline.eval(d$dose, knots, inclx = TRUE)
d$w1 <- s[, 1] - ave(s[, 1], d$group)
d$w2 <- s[, 2] - ave(s[, 2], d$group)
fs <- lmer(post ~ pre + w1 + w2 + dbar + plannedSize + structured + (1 | institution/group), data = d, REML = TRUE)
print(summary(fs)$coefficients)
ref <- sort(d$dose)[5]
cat("ref", ref, "\n")
h <- function(x) rcspline.eval(x, knots, inclx = TRUE)
for (x in c(10, 15)) {
  w <- h(x) - h(ref)
  print(contest(fs, L = c(0, 0, w[1], w[2], 0, 0, 0), joint = FALSE))
}
g <- do.call(rbind, lapply(split(d, d$group), function(x) data.frame(group = x$group[1], n = nrow(x), m1 = mean(x$post), m2 = mean(x$pre), sd1 = sd(x$pre), r = cor(x$pre, x$post), dbar = x$dbar[1], plannedSize = x$plannedSize[1], structured = x$structured[1])))
es <- escalc("SMCR", m1i = m1, m2i = m2, sd1i = sd1, ni = n, ri = r, data = g)
print(coef(summary(rma(yi, vi, mods = ~ dbar + plannedSize + structured, data = es, method = "REML"))))
