//! A small hand-made digest for unit tests of the core.

use crate::model::*;

fn rec(id: &str, label: &str, headline: &str, details: &str, measures: &[&str]) -> Recommendation {
    Recommendation {
        id: id.into(),
        label: label.into(),
        headline: headline.into(),
        details: details.into(),
        measures: measures.iter().map(|m| m.to_string()).collect(),
    }
}

fn speech(id: &str, name: &str, title: &str, themes: &[&str], recs: Vec<Recommendation>) -> Speech {
    Speech {
        id: id.into(),
        speaker: Speaker {
            name: name.into(),
            role: "市政协委员".into(),
            on_behalf_of: None,
        },
        title: title.into(),
        themes: themes.iter().map(|t| t.to_string()).collect(),
        background: vec![format!("{name}的背景。")],
        lead_in: "为此建议，".into(),
        recommendations: recs,
        figures: vec![],
        notes: vec![],
    }
}

pub fn tiny() -> Digest {
    Digest {
        version: 1,
        meeting: Meeting {
            title: "测试会议".into(),
            subtitle: "第二次全体会议发言摘编".into(),
            date: "2025-02-25".into(),
            lead: "导语。".into(),
            source: String::new(),
            notes: vec![],
        },
        themes: vec![
            Theme {
                id: "economy".into(),
                name: "经济".into(),
            },
            Theme {
                id: "finance".into(),
                name: "金融".into(),
            },
            Theme {
                id: "education".into(),
                name: "教育".into(),
            },
        ],
        measures: vec![
            Measure {
                id: "finance".into(),
                name: "资金与金融".into(),
            },
            Measure {
                id: "talent".into(),
                name: "人才".into(),
            },
            Measure {
                id: "policy".into(),
                name: "政策与制度".into(),
            },
        ],
        speeches: vec![
            speech(
                "a-one",
                "甲一",
                "激发民营经济新动能",
                &["economy"],
                vec![
                    rec(
                        "r1",
                        "一是",
                        "优化扶持政策。",
                        "落实税费优惠政策，引导企业向ai方向转型。",
                        &["policy", "finance"],
                    ),
                    rec(
                        "r2",
                        "二是",
                        "突破人才瓶颈。",
                        "制定更优惠的人才政策，搭建招才引智平台。",
                        &["talent"],
                    ),
                ],
            ),
            speech(
                "b-two",
                "乙二",
                "深化金融助企惠企",
                &["finance", "economy"],
                vec![rec(
                    "r1",
                    "一要",
                    "加强金融基础设施建设。",
                    "截至2024年底，发展数字 普惠金融，设立专项资金支持企业。",
                    &["finance"],
                )],
            ),
            speech(
                "c-three",
                "丙三",
                "提升教学质量",
                &["education"],
                vec![rec(
                    "r1",
                    "",
                    "实施强师行动。",
                    "出台人才激励政策，搭建招才引智平台，完善考核制度。",
                    &["talent", "policy"],
                )],
            ),
        ],
    }
}
