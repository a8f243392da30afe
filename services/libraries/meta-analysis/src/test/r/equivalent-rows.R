# Rows rebuilt from each group's sums (EquivalentRows, in R) give lmer the fit of the real rows.
# Run from this folder: Rscript equivalent-rows.R   (R 4.2, lme4 1.1-31, lmerTest 3.1-3)
suppressMessages(library(lmerTest))
options(digits = 12)
tight <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5))
dat <- read.csv("../resources/mixed/consortium.csv")
dat$roleplay <- as.numeric(dat$style == "ROLE_PLAY")
columns <- c("pre", "sessions", "roleplay", "plannedSize", "post")

# n rows with the group's mean and centred cross-products: m + sum_t h_t sqrt(lambda_t) v_t, h_t the
# normalised Helmert contrasts; columns constant in the group are copied.
equivalent_rows <- function(n, mean, centred) {
  constant <- diag(centred) <= 1e-12 * pmax(abs(diag(centred) + n * mean^2), .Machine$double.xmin)
  centred[constant, ] <- 0; centred[, constant] <- 0
  e <- eigen(centred, symmetric = TRUE)
  k <- sum(e$values[seq_len(min(n - 1, length(mean)))] > 1e-12 * max(e$values[1], 0))
  rows <- matrix(mean, n, length(mean), byrow = TRUE)
  if (k > 0) {
    h <- contr.helmert(n)[, seq_len(k), drop = FALSE]
    h <- sweep(h, 2, sqrt(colSums(h^2)), "/")
    rows <- rows + h %*% t(e$vectors[, seq_len(k), drop = FALSE] %*% diag(sqrt(e$values[seq_len(k)]), k))
  }
  rows[, constant] <- matrix(mean[constant], n, sum(constant), byrow = TRUE)
  rows
}

keys <- unique(dat[, c("institution", "group")])
rebuilt <- do.call(rbind, lapply(seq_len(nrow(keys)), function(i) {
  part <- as.matrix(dat[dat$institution == keys$institution[i] & dat$group == keys$group[i], columns])
  m <- colMeans(part)
  rows <- equivalent_rows(nrow(part), m, crossprod(sweep(part, 2, m)))
  data.frame(institution = keys$institution[i], group = keys$group[i], setNames(as.data.frame(rows), columns))
}))

formula <- post ~ pre + sessions + roleplay + plannedSize + (1 | institution/group)
real <- lmer(formula, dat, control = tight)
again <- lmer(formula, rebuilt, control = tight)
print(cbind(real = fixef(real), rebuilt = fixef(again)))
print(cbind(real = summary(real)$coefficients[, "df"], rebuilt = summary(again)$coefficients[, "df"]))
print(cbind(real = as.data.frame(VarCorr(real))$vcov, rebuilt = as.data.frame(VarCorr(again))$vcov))
print(c(real = REMLcrit(real), rebuilt = REMLcrit(again)))
