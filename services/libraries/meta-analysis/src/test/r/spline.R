# Reference numbers for RestrictedCubicSplineTest: Hmisc's knot placement and basis.
# Run from this folder: Rscript spline.R   (R 4.2, Hmisc 4.8-0)
suppressMessages(library(Hmisc))
options(digits = 15)
dat <- read.csv("../resources/mixed/consortium.csv")
for (nk in 3:5) print(rcspline.eval(dat$sessions, nk = nk, knots.only = TRUE))
print(rcspline.eval(1:30, nk = 4, knots.only = TRUE))                    # fewer than 100 values
print(rcspline.eval(c(rep(0, 10), 1:40), nk = 4, knots.only = TRUE))      # a tied minimum (20% of the values)
print(rcspline.eval(rep(1:5, 3), nk = 4, knots.only = TRUE))              # few distinct values
print(rcspline.eval(c(-1, 2.5, 7, 13), knots = c(1, 3, 6, 10), inclx = TRUE))
