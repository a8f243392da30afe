# Reference numbers for the power analysis (NoncentralChiSquaredTest, PowerAnalysisTest).
# The published formulas computed in base R: Hedges & Pigott (2001), Psychol Methods 6:203-217, the
# z approximation for the random-effects mean; Hedges & Pigott (2004), Psychol Methods 9:426-445,
# the between-groups Q* (noncentral chi-square) and the meta-regression slope. metafor only supplies
# the data set and the tau^2 estimates the examples use.
# Run: Rscript power.R   (R 4.2, metafor 3.8-1)
library(metafor)
options(digits = 15)

## The noncentral chi-square distribution itself.
for (args in list(c(3.84145882069412, 1, 0.5), c(3.84145882069412, 1, 7.84887), c(5.99146454710798, 2, 10),
                  c(7.81472790325118, 3, 0.001), c(1, 4, 2), c(20, 5, 3), c(150, 10, 100), c(1200, 3, 1000),
                  c(0.5, 1, 30), c(9.48772903678115, 4, 25.5))) {
  cat(sprintf("pchisq(%s, %s, ncp = %s): lower %.15g upper %.15g\n", args[1], args[2], args[3],
              pchisq(args[1], args[2], ncp = args[3]), pchisq(args[1], args[2], ncp = args[3], lower.tail = FALSE)))
}

## Two-sided z test and chi-square test power.
zpower <- function(lambda, alpha = 0.05) {
  c <- qnorm(1 - alpha / 2)
  pnorm(c - lambda, lower.tail = FALSE) + pnorm(-c - lambda)
}
chipower <- function(df, ncp, alpha = 0.05) pchisq(qchisq(1 - alpha, df), df, ncp = ncp, lower.tail = FALSE)
cat("zpower(2.8) =", zpower(2.8), " zpower(1, 0.01) =", zpower(1, 0.01), "\n")
cat("chipower(1, 2.8^2) =", chipower(1, 2.8^2), " chipower(3, 10) =", chipower(3, 10),
    " chipower(2, 5, 0.1) =", chipower(2, 5, 0.1), "\n")

## Hedges & Pigott (2001): the random-effects mean, k = 30 studies of d = 0.25 with 20 per group and
## tau^2 = v/3, v, 3v (their small, moderate and large heterogeneity); metapower 0.1's README gives
## 0.990698 (fixed), 0.962092, 0.8621495, 0.57799 for this example.
v <- (20 + 20) / (20 * 20) + 0.25^2 / (2 * (20 + 20))
for (tau2 in c(0, v / 3, v, 3 * v)) {
  se <- sqrt(1 / (30 / (v + tau2)))
  cat(sprintf("mean: tau2 = %.15g se = %.15g power = %.15g\n", tau2, se, zpower(0.25 / se)))
}

## Hedges & Pigott (2004): the between-groups test of a categorical moderator on dat.bcg by alloc,
## with the common residual tau^2 of rma(yi, vi, mods = ~ factor(alloc)); a stated difference of 0.5
## between two levels, the others at the weighted mean of those two (the least favourable case).
dat <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
fit <- rma(yi, vi, mods = ~ factor(alloc), data = dat)
tau2 <- fit$tau2
levels <- sort(unique(dat$alloc))
w <- sapply(levels, function(l) sum(1 / (dat$vi[dat$alloc == l] + tau2)))
vbar <- sapply(levels, function(l) mean(dat$vi[dat$alloc == l]))
lambda.of <- function(w, delta) {
  pairs <- combn(length(w), 2)
  h <- apply(pairs, 2, function(p) w[p[1]] * w[p[2]] / (w[p[1]] + w[p[2]]))
  list(lambda = min(h) * delta^2, pair = levels[pairs[, which.min(h)]])
}
now <- lambda.of(w, 0.5)
cat("alloc: tau2 =", tau2, " w =", w, " vbar =", vbar, "\n")
cat("alloc: lambda =", now$lambda, " pair =", now$pair, " power =", chipower(2, now$lambda), "\n")
m <- 0
repeat { if (chipower(2, lambda.of(w + m / (vbar + tau2), 0.5)$lambda) >= 0.8) break; m <- m + 1 }
cat("alloc: additional per level =", m, " power then =", chipower(2, lambda.of(w + m / (vbar + tau2), 0.5)$lambda),
    " power with one fewer =", chipower(2, lambda.of(w + (m - 1) / (vbar + tau2), 0.5)$lambda), "\n")
# The equal-weight check of the least favourable case: three levels with means -d/2, 0, d/2 and equal
# weights give lambda = w d^2 / 2, the same as the bound.
cat("check: ", sum(3 * (c(-0.25, 0, 0.25))^2), " = ", 3 * 3 / 6 * 0.5^2, "\n")

## Hedges & Pigott (2004): the slope of a meta-regression, dat.bcg on ablat, residual tau^2 of
## rma(yi, vi, mods = ~ ablat); stated slope -0.01 per degree of latitude.
fit <- rma(yi, vi, mods = ~ ablat, data = dat)
tau2 <- fit$tau2
X <- cbind(1, dat$ablat)
A <- crossprod(X, X / (dat$vi + tau2))
se <- sqrt(solve(A)[2, 2])
cat("ablat: tau2 =", tau2, " se =", se, " (metafor se", fit$se[2], ") power =", zpower(0.01 / se), "\n")
k <- nrow(X)
B <- crossprod(X) / (k * (mean(dat$vi) + tau2))
se.n <- function(n) sqrt(solve(A + n * B)[2, 2])
n <- 0
repeat { if (zpower(0.01 / se.n(n)) >= 0.8) break; n <- n + 1 }
cat("ablat: additional =", n, " se then =", se.n(n), " power then =", zpower(0.01 / se.n(n)),
    " power with one fewer =", zpower(0.01 / se.n(n - 1)), "\n")
