import Foundation

/// CIEDE2000 colour difference (CIE 142-2001), following the formulation and edge-case notes
/// of Sharma, Wu and Dalal (2005).
///
/// Used to name colours and merge near-identical clusters: unlike plain Lab distance it does
/// not overstate differences between saturated colours or understate them near neutral grey.
enum ColorDifference {
    static func ciede2000(_ c1: LabColor, _ c2: LabColor, kL: Double = 1, kC: Double = 1, kH: Double = 1) -> Double {
        let deg = Double.pi / 180
        let cStar1 = (c1.a * c1.a + c1.b * c1.b).squareRoot()
        let cStar2 = (c2.a * c2.a + c2.b * c2.b).squareRoot()
        let cBar = (cStar1 + cStar2) / 2
        let cBar7 = pow(cBar, 7)
        let g = 0.5 * (1 - (cBar7 / (cBar7 + pow(25, 7))).squareRoot())
        let a1 = (1 + g) * c1.a
        let a2 = (1 + g) * c2.a
        let cp1 = (a1 * a1 + c1.b * c1.b).squareRoot()
        let cp2 = (a2 * a2 + c2.b * c2.b).squareRoot()
        func hueAngle(_ b: Double, _ a: Double) -> Double {
            if a == 0 && b == 0 { return 0 }
            let h = atan2(b, a) / deg
            return h < 0 ? h + 360 : h
        }
        let hp1 = hueAngle(c1.b, a1)
        let hp2 = hueAngle(c2.b, a2)

        let dLp = c2.l - c1.l
        let dCp = cp2 - cp1
        var dhp = 0.0
        if cp1 * cp2 != 0 {
            dhp = hp2 - hp1
            if dhp > 180 { dhp -= 360 } else if dhp < -180 { dhp += 360 }
        }
        let dHp = 2 * (cp1 * cp2).squareRoot() * sin(dhp / 2 * deg)

        let lBarP = (c1.l + c2.l) / 2
        let cBarP = (cp1 + cp2) / 2
        var hBarP = hp1 + hp2
        if cp1 * cp2 != 0 {
            if abs(hp1 - hp2) <= 180 {
                hBarP = (hp1 + hp2) / 2
            } else if hp1 + hp2 < 360 {
                hBarP = (hp1 + hp2 + 360) / 2
            } else {
                hBarP = (hp1 + hp2 - 360) / 2
            }
        }
        let t =
            1 - 0.17 * cos((hBarP - 30) * deg) + 0.24 * cos(2 * hBarP * deg)
            + 0.32 * cos((3 * hBarP + 6) * deg) - 0.20 * cos((4 * hBarP - 63) * deg)
        let dTheta = 30 * exp(-pow((hBarP - 275) / 25, 2))
        let cBarP7 = pow(cBarP, 7)
        let rC = 2 * (cBarP7 / (cBarP7 + pow(25, 7))).squareRoot()
        let lMinus50Sq = (lBarP - 50) * (lBarP - 50)
        let sL = 1 + 0.015 * lMinus50Sq / (20 + lMinus50Sq).squareRoot()
        let sC = 1 + 0.045 * cBarP
        let sH = 1 + 0.015 * cBarP * t
        let rT = -sin(2 * dTheta * deg) * rC

        let lTerm = dLp / (kL * sL)
        let cTerm = dCp / (kC * sC)
        let hTerm = dHp / (kH * sH)
        return (lTerm * lTerm + cTerm * cTerm + hTerm * hTerm + rT * cTerm * hTerm).squareRoot()
    }
}
